package dev.aic.commandside.notification;

/** A notice as written when its cause happened: sent later, as it was then. */
record Email(String subject, String body) {}
