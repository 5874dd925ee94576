package dev.aic.personaldata;

/**
 * Personal data could not be protected or read: a ciphertext that fails authentication (tampered
 * with, or under another key), a subject without any key, or a write of personal data about an
 * erased person. Never swallowed: a reader that got one stops rather than showing or storing
 * something wrong.
 */
public class PersonalDataException extends RuntimeException {

    public PersonalDataException(String message) {
        super(message);
    }

    public PersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
