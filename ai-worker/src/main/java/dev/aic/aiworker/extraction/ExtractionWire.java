package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How the extraction process hands its result to the worker: a document in sections, or a typed
 * failure.
 */
final class ExtractionWire {

    private static final byte DOCUMENT = 'D';
    private static final byte FAILURE = 'F';
    private static final byte PAGE = 'P';
    private static final byte SLIDE = 'S';
    private static final byte HEADINGS = 'H';

    private ExtractionWire() {}

    static void writeDocument(DataOutputStream out, ExtractedDocument document) throws IOException {
        out.writeByte(DOCUMENT);
        out.writeUTF(document.format().name());
        out.writeInt(document.sections().size());
        for (Section section : document.sections()) {
            out.writeInt(section.index());
            SectionLocation location = section.location();
            if (location instanceof SectionLocation.Page page) {
                out.writeByte(PAGE);
                out.writeInt(page.number());
            } else if (location instanceof SectionLocation.Slide slide) {
                out.writeByte(SLIDE);
                out.writeInt(slide.number());
            } else {
                List<String> path = ((SectionLocation.Headings) location).path();
                out.writeByte(HEADINGS);
                out.writeInt(path.size());
                for (String heading : path) {
                    writeText(out, heading);
                }
            }
            writeText(out, section.text());
        }
    }

    static void writeFailure(DataOutputStream out, ProcessingFailureReason reason, String message)
            throws IOException {
        out.writeByte(FAILURE);
        out.writeUTF(reason.name());
        writeText(out, message);
    }

    /** The document the process extracted; a failure it reported is thrown. */
    static ExtractedDocument read(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == FAILURE) {
            ProcessingFailureReason reason = ProcessingFailureReason.valueOf(in.readUTF());
            throw new ExtractionFailedException(reason, readText(in));
        }
        if (kind != DOCUMENT) {
            throw new IOException("Unknown result kind " + kind);
        }
        DocumentFormat format = DocumentFormat.valueOf(in.readUTF());
        int count = in.readInt();
        List<Section> sections = new ArrayList<>(Math.min(count, 10_000));
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            byte location = in.readByte();
            SectionLocation read =
                    switch (location) {
                        case PAGE -> new SectionLocation.Page(in.readInt());
                        case SLIDE -> new SectionLocation.Slide(in.readInt());
                        case HEADINGS -> {
                            int size = in.readInt();
                            List<String> path = new ArrayList<>(size);
                            for (int level = 0; level < size; level++) {
                                path.add(readText(in));
                            }
                            yield new SectionLocation.Headings(path);
                        }
                        default -> throw new IOException("Unknown location kind " + location);
                    };
            sections.add(new Section(index, read, readText(in)));
        }
        return new ExtractedDocument(format, sections);
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
