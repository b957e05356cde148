namespace Switchboard.Knowledge.Store;

internal sealed partial class KnowledgeStore
{
    /// <summary>Whether any collection or conversation belongs to <paramref name="tenant"/>.</summary>
    public bool HasTenant(string tenant)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "SELECT EXISTS (SELECT 1 FROM collections WHERE tenant = $t) OR EXISTS (SELECT 1 FROM conversations WHERE tenant = $t);", ("$t", tenant));
        return (long)command.ExecuteScalar()! != 0;
    }

    /// <summary>
    /// Gives everything of tenant <paramref name="from"/> (collections, their documents, conversations) to tenant
    /// <paramref name="to"/>, in one transaction; a collection whose name <paramref name="to"/> already uses keeps its tenant.
    /// Returns the number of collections moved.
    /// </summary>
    public int MoveTenant(string from, string to)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        using var collections = Command(connection,
            "UPDATE collections SET tenant = $to WHERE tenant = $from AND name NOT IN (SELECT name FROM collections WHERE tenant = $to);",
            ("$from", from), ("$to", to));
        var moved = collections.ExecuteNonQuery();
        using var documents = Command(connection,
            "UPDATE documents SET tenant = $to WHERE tenant = $from AND collection_id IN (SELECT id FROM collections WHERE tenant = $to);",
            ("$from", from), ("$to", to));
        documents.ExecuteNonQuery();
        using var conversations = Command(connection, "UPDATE conversations SET tenant = $to WHERE tenant = $from;", ("$from", from), ("$to", to));
        conversations.ExecuteNonQuery();
        transaction.Commit();
        return moved;
    }
}
