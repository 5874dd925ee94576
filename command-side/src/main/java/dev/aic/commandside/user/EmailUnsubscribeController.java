package dev.aic.commandside.user;

import dev.aic.commandside.notification.UnsubscribeLinks;
import dev.aic.commandside.web.Commands;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.UserId;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of every notification e-mail. It needs no sign-in: the unguessable token in
 * the path is the authority. Opening it (GET) only shows a button, because mail scanners open links
 * too; the button, or a mail client's one-click unsubscribe (RFC 8058), POSTs.
 */
@RestController
@RequestMapping(UnsubscribeLinks.PATH + "{token}")
@Tag(name = "users")
class EmailUnsubscribeController {

    private final UnsubscribeLinks links;
    private final Commands commands;

    EmailUnsubscribeController(UnsubscribeLinks links, Commands commands) {
        this.links = links;
        this.commands = commands;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("permitAll()")
    @Operation(
            operationId = "unsubscribePage",
            summary =
                    "The page an e-mail's unsubscribe link opens; it changes nothing until its button is pressed")
    @ProblemResponses({404})
    String page(@PathVariable String token) {
        String topic = HtmlUtils.htmlEscape(describe(subscription(token).topic()));
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">
                <h1>Unsubscribe</h1>
                <p id="question">Stop e-mail about %s?</p>
                <button id="confirm" type="button">Unsubscribe</button>
                <script>
                document.getElementById('confirm').addEventListener('click', async () => {
                  const answer = await fetch(location.pathname, {method: 'POST'});
                  document.getElementById('question').textContent = answer.ok
                    ? 'Done: you will get no more e-mail about %s.' : 'That did not work; please try again later.';
                  document.getElementById('confirm').remove();
                });
                </script>
                </body></html>
                """
                .formatted(topic, topic);
    }

    @PostMapping
    @PreAuthorize("permitAll()")
    @Operation(
            operationId = "unsubscribe",
            summary =
                    "One-click unsubscribe (RFC 8058): no more e-mail about the link's topic; repeating it changes nothing")
    @ProblemResponses({404})
    Unsubscribed unsubscribe(@PathVariable String token) {
        UnsubscribeLinks.Subscription subscription = subscription(token);
        commands.send(
                new UserCommands.Unsubscribe(
                        new UserId(subscription.userId()), subscription.topic()),
                subscription.userId());
        return new Unsubscribed(subscription.topic());
    }

    private UnsubscribeLinks.Subscription subscription(String token) {
        return links.resolve(token)
                .orElseThrow(
                        () ->
                                new ErrorResponseException(
                                        HttpStatus.NOT_FOUND,
                                        Problems.of(
                                                HttpStatus.NOT_FOUND,
                                                "not-found",
                                                "Not found",
                                                "No unsubscribe link "
                                                        + token
                                                        + "; it may belong to another installation"),
                                        null));
    }

    private static String describe(EmailTopic topic) {
        return switch (topic) {
            case WAITING_LIST_PROMOTION -> "seats offered from waiting lists";
            case EVENT_REMINDER -> "reminders before events";
            case EVENT_CANCELLATION -> "cancelled events";
        };
    }

    /** The topic the member will get no more e-mail about. */
    record Unsubscribed(EmailTopic unsubscribed) {}
}
