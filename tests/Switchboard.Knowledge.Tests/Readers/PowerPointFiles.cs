using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using A = DocumentFormat.OpenXml.Drawing;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>Builds small PPTX files with the OpenXml SDK (no slide masters: enough for reading, not for PowerPoint).</summary>
internal static class PowerPointFiles
{
    /// <summary>A presentation with one slide per spec: a title placeholder, text boxes, an optional table and notes.</summary>
    public static byte[] Presentation(params (string? Title, string[] Texts, string[][]? Table, string? Notes)[] slides)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new Presentation(new SlideIdList());
            uint id = 256;
            foreach (var (title, texts, table, notes) in slides)
            {
                var slidePart = presentation.AddNewPart<SlidePart>();
                var tree = new ShapeTree(new NonVisualGroupShapeProperties(
                    new NonVisualDrawingProperties { Id = 1, Name = "" }, new NonVisualGroupShapeDrawingProperties(), new ApplicationNonVisualDrawingProperties()),
                    new GroupShapeProperties());
                if (title is not null)
                {
                    tree.Append(Shape(2, title, PlaceholderValues.Title));
                }

                uint shapeId = 3;
                foreach (var text in texts)
                {
                    tree.Append(Shape(shapeId++, text, null));
                }

                if (table is not null)
                {
                    tree.Append(new GraphicFrame(
                        new NonVisualGraphicFrameProperties(new NonVisualDrawingProperties { Id = shapeId++, Name = "Table" }, new NonVisualGraphicFrameDrawingProperties(), new ApplicationNonVisualDrawingProperties()),
                        new Transform(),
                        new A.Graphic(new A.GraphicData(new A.Table(table.Select(r => new A.TableRow(r.Select(c =>
                            new A.TableCell(new A.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(c))))))))))
                        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" })));
                }

                slidePart.Slide = new Slide(new CommonSlideData(tree));
                if (notes is not null)
                {
                    var notesPart = slidePart.AddNewPart<NotesSlidePart>();
                    notesPart.NotesSlide = new NotesSlide(new CommonSlideData(new ShapeTree(
                        new NonVisualGroupShapeProperties(new NonVisualDrawingProperties { Id = 1, Name = "" }, new NonVisualGroupShapeDrawingProperties(), new ApplicationNonVisualDrawingProperties()),
                        new GroupShapeProperties(),
                        Shape(2, notes, PlaceholderValues.Body))));
                }

                presentation.Presentation.SlideIdList!.Append(new SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(slidePart) });
            }
        }

        return stream.ToArray();
    }

    private static Shape Shape(uint id, string text, PlaceholderValues? placeholder)
    {
        var application = new ApplicationNonVisualDrawingProperties();
        if (placeholder is { } type)
        {
            application.Append(new PlaceholderShape { Type = type });
        }

        return new Shape(
            new NonVisualShapeProperties(new NonVisualDrawingProperties { Id = id, Name = "Shape " + id }, new NonVisualShapeDrawingProperties(), application),
            new ShapeProperties(),
            new TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(text)))));
    }
}
