package org.platewatch.server.users;

/**
 * What console sign-in and a holder's confirmation check: never leaves the package.
 *
 * @param totpLastStep the last TOTP step accepted for the account, or null when none was since enrolment
 */
record SignInRecord(String passwordHash, String totpSecret, Long totpLastStep) {}
