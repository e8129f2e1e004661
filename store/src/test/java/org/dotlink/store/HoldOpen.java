package org.dotlink.store;

import java.nio.file.Path;

/** A second process for the lock test: opens the store given as argument for writing and holds it until stdin ends. */
public final class HoldOpen {

    private HoldOpen() {}

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the database until the parent closes our stdin
            }
        }
    }
}
