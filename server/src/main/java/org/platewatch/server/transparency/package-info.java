/**
 * The public transparency page (Civil Code § 1798.90.51(b): the usage and privacy policy is posted): the policy in
 * force, generated from the department profile so that the published text cannot drift from what the software
 * enforces, beside monthly aggregate figures and the daily signed audit-chain heads. No plate, person or location
 * appears on it. {@link org.platewatch.server.transparency.Transparency} builds it.
 */
package org.platewatch.server.transparency;
