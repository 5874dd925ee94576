package dev.aic.aiworker.embedding;

/**
 * Keeps DJL off the network: no native library or model-zoo downloads and no usage tracking (which
 * would probe the cloud metadata address). The ONNX Runtime and tokenizers jars carry their
 * natives, so nothing is lost. An explicit {@code DJL_OFFLINE} / {@code ai.djl.offline} setting is
 * respected.
 */
final class DjlOffline {

    private DjlOffline() {}

    static void enforce() {
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
