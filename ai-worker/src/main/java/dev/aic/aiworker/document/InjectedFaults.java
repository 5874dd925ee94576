package dev.aic.aiworker.document;

import java.nio.charset.StandardCharsets;

/**
 * A fault for the crash-loop system test, and for nothing else: a document whose content contains
 * the marker halts the worker on the spot, as an out-of-memory death or a native crash would. Off
 * unless the JVM itself is started with {@code -Daic.faults.halt-on-content=<marker>}: a system
 * property read here, not a Spring property, so no configuration file, environment variable of the
 * application or configuration server can switch it on, and nothing in deploy/ does.
 */
final class InjectedFaults {

    private static final byte[] HALT_MARKER =
            marker(System.getProperty("aic.faults.halt-on-content"));

    private InjectedFaults() {}

    static boolean enabled() {
        return HALT_MARKER != null;
    }

    static void haltIfMarked(byte[] content) {
        if (HALT_MARKER != null && contains(content, HALT_MARKER)) {
            Runtime.getRuntime().halt(137);
        }
    }

    private static byte[] marker(String marker) {
        return marker == null || marker.length() < 16
                ? null
                : marker.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] content, byte[] marker) {
        outer:
        for (int i = 0; i <= content.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (content[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
