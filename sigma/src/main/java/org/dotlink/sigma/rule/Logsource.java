package org.dotlink.sigma.rule;

import java.util.Optional;

/** A rule's {@code logsource}: which events it is written for (mapped to channels and event ids elsewhere). */
public record Logsource(Optional<String> category, Optional<String> product, Optional<String> service) {

    public static final Logsource ANY = new Logsource(Optional.empty(), Optional.empty(), Optional.empty());

    @Override
    public String toString() {
        return "category=" + category.orElse("-") + " product=" + product.orElse("-") + " service=" + service.orElse("-");
    }
}
