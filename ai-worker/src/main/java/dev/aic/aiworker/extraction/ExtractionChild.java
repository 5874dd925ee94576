package dev.aic.aiworker.extraction;

import ch.qos.logback.classic.Level;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extraction process's main: reads one document from standard input, extracts it with {@link
 * TextExtractor} under the limits given as arguments, and writes the result ({@link
 * ExtractionWire}) to standard output. Whatever the document does to this process — fill its heap,
 * overflow its stack, loop — ends here, not in the worker.
 *
 * <p>Arguments: media type, max bytes, max characters, max pages, max compression ratio, max depth.
 */
public final class ExtractionChild {

    private ExtractionChild() {}

    public static void main(String[] args) throws IOException {
        PrintStream result = System.out;
        // anything a library prints goes to standard error: standard output carries the result only
        System.setOut(System.err);
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        String mediaType = args[0];
        ExtractionLimits limits =
                new ExtractionLimits(
                        Long.parseLong(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Long.parseLong(args[4]),
                        Integer.parseInt(args[5]));
        byte[] bytes =
                System.in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(result, 1 << 16));
        try {
            ExtractionWire.writeDocument(out, new TextExtractor(limits).extract(bytes, mediaType));
        } catch (ExtractionFailedException e) {
            ExtractionWire.writeFailure(out, e.reason(), e.getMessage());
        } catch (StackOverflowError e) {
            ExtractionWire.writeFailure(
                    out,
                    ProcessingFailureReason.TOO_DEEPLY_NESTED,
                    "The document nests its " + "content deeper than its parser can follow");
        }
        out.flush();
        System.exit(0);
    }
}
