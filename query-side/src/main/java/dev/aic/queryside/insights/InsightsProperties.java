package dev.aic.queryside.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the insights page signs its user in: a public client of the identity provider that the
 * services trust (authorization code with PKCE, redirect URI {@code <query-side>/insights/}).
 *
 * @param clientId the client's id; without one the page says that sign-in is not configured (the
 *     development profile uses the development provider's {@code aic-swagger})
 * @param scope the scopes the page asks for, space-separated (Entra ID wants its API's scope here)
 */
@ConfigurationProperties("aic.insights")
record InsightsProperties(String clientId, @DefaultValue("openid") String scope) {}
