package dev.phoenix.testing;

import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import java.util.Map;

/** Members for tests. */
public final class Members {

    private Members() {
    }

    public static Member host(String id, String url) {
        return new Member(id, "g", "static", MemberKind.HOST, Mutability.MUTABLE, false, "", Map.of("url", url));
    }

    public static Member of(String id, String group, Mutability mutability, boolean optIn, String provenance,
                            Map<String, String> attributes) {
        return new Member(id, group, "fake", mutability == Mutability.MUTABLE ? MemberKind.HOST : MemberKind.INSTANCE,
                mutability, optIn, provenance, attributes);
    }
}
