package dev.phoenix.report;

import java.util.Objects;

/**
 * A part of a group that was not audited while the rest was: an AWS account whose role could not
 * be assumed, a region that refused, an organization that could not be listed. Each is one
 * {@code UNDISCOVERED} finding carrying its account and region.
 *
 * @param account the AWS account, or null when it is not one account (the organization's listing)
 * @param region  the region, or null for every region
 * @param code    the provider's error code ({@code AccessDenied}), or null when it gave none
 * @param message one line saying what failed
 */
public record UnauditedPart(String account, String region, String code, String message) {

    public UnauditedPart {
        Objects.requireNonNull(message, "message");
    }

    /** {@code account 333333333333 us-west-2}, {@code the organization}, for messages and finding ids. */
    public String describe() {
        if (account == null && region == null) {
            return "the organization's accounts";
        }
        return (account == null ? "" : "account " + account) + (account != null && region != null ? " " : "")
                + (region == null ? "" : region);
    }
}
