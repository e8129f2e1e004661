package org.dotlink.intel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the ATT&amp;CK bundle is, as {@link AttackBundleLocator} found it.
 *
 * @param file    the bundle file, or null when none was found
 * @param origin  how it was chosen: {@code --attack}, {@code $DOTLINK_ATTACK} or {@code cache}; null when none
 * @param message when no usable file was found, what was looked at and how to get a bundle; else null
 */
public record BundleLocation(Path file, String origin, String message) {

    /** The file, when one was found. */
    public Optional<Path> found() {
        return Optional.ofNullable(file);
    }
}
