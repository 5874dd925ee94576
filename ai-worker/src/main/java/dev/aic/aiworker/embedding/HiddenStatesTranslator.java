package dev.aic.aiworker.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.Set;

/**
 * Feeds a {@link TokenBatch} to the ONNX graph and copies its last hidden state out to a plain
 * array. Tensors are created by the predictor's own manager, which belongs to the ONNX Runtime
 * engine, and are freed when the prediction ends.
 */
final class HiddenStatesTranslator implements Translator<TokenBatch, HiddenStates> {

    private static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private final Set<String> inputNames;

    /**
     * @param inputNames the graph's inputs: always input_ids and attention_mask, token_type_ids for
     *     most BERTs
     */
    HiddenStatesTranslator(Set<String> inputNames) {
        this.inputNames = Set.copyOf(inputNames);
    }

    @Override
    public NDList processInput(TranslatorContext context, TokenBatch batch) {
        NDManager manager = context.getNDManager();
        Shape shape = new Shape(batch.size(), batch.length());
        NDList inputs = new NDList(inputNames.size());
        inputs.add(named(manager.create(batch.inputIds(), shape), "input_ids"));
        inputs.add(named(manager.create(batch.attentionMask(), shape), "attention_mask"));
        if (inputNames.contains("token_type_ids")) {
            inputs.add(named(manager.create(batch.tokenTypeIds(), shape), "token_type_ids"));
        }
        return inputs;
    }

    @Override
    public HiddenStates processOutput(TranslatorContext context, NDList outputs) {
        NDArray hidden = outputs.get(LAST_HIDDEN_STATE);
        if (hidden == null) {
            hidden = outputs.get(0);
        }
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalStateException(
                    "expected the last hidden state [batch, tokens, width], got " + shape);
        }
        return new HiddenStates(
                hidden.toFloatArray(), (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
    }

    /** The batch is already one; DJL must not stack it again. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    private NDArray named(NDArray array, String name) {
        if (!inputNames.contains(name)) {
            throw new IllegalStateException(
                    "the ONNX graph has no input '" + name + "'; its inputs: " + inputNames);
        }
        array.setName(name);
        return array;
    }
}
