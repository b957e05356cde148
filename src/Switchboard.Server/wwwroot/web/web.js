// Switchboard web application: the little the browser does itself. No inline scripts (the content security policy forbids them).
(() => {
  'use strict';

  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Plain http on a LAN address has no clipboard API: fall back to a hidden selection.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      let copied = false;
      try { copied = document.execCommand('copy'); } catch { copied = false; }
      area.remove();
      return copied;
    }
  };

  // Copy buttons of code blocks (rendered inside answers, so no component owns them).
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-sb-copy="code"]') : null;
    const code = button?.closest('.sb-code')?.querySelector('code');
    if (!code) return;
    if (await copyText(code.innerText)) {
      button.classList.add('sb-copied');
      setTimeout(() => button.classList.remove('sb-copied'), 1500);
    }
  });

  // Enter sends, Shift+Enter starts a new line, in text areas that name their send button.
  document.addEventListener('keydown', (event) => {
    const area = event.target instanceof Element ? event.target.closest('textarea[data-sb-enter]') : null;
    if (!area || event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    document.querySelector(area.dataset.sbEnter)?.click();
  });

  // Keeps a growing thread scrolled to its end unless the reader has scrolled up.
  const follow = (element) => {
    if (!element || element.sbFollowing) return;
    element.sbFollowing = true;
    let pinned = true;
    element.addEventListener('scroll', () => {
      pinned = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
    }, { passive: true });
    new MutationObserver(() => {
      if (pinned) element.scrollTop = element.scrollHeight;
    }).observe(element, { childList: true, subtree: true, characterData: true });
    element.scrollTop = element.scrollHeight;
  };

  const setPreference = (name, value) => {
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax${secure}`;
    if (name === 'sb_theme') document.body.classList.toggle('sb-dark', value === 'dark');
  };

  const setLanguage = (language) => { document.documentElement.lang = language; };

  const ready = () => { document.body.dataset.sbInteractive = '1'; };

  // Saves text the page made (a CSV export) as a file: a same-origin blob link, so no URL outside the session serves it.
  const download = (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  window.sbWeb = { copyText, follow, setPreference, setLanguage, ready, download };
})();
