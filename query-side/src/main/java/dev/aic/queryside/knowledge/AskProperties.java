package dev.aic.queryside.knowledge;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional prose answers from an OpenAI-compatible chat completions API. Without {@code chat.url}
 * (the default) answers are extractive: the best passages themselves, cited. Never required: any
 * failure of the chat API falls back to the extractive answer.
 */
@ConfigurationProperties("aic.ask")
record AskProperties(@DefaultValue Chat chat) {

    /**
     * @param url the API's base URL, e.g. {@code https://api.openai.com/v1}; {@code
     *     /chat/completions} is appended
     * @param apiKey sent as a bearer token when set
     */
    record Chat(URI url, String model, String apiKey, @DefaultValue("20s") Duration timeout) {

        boolean enabled() {
            return url != null && !url.toString().isBlank();
        }
    }
}
