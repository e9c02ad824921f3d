"""The platform's images, built with buildah from a base made of Debian's packages (ADR 21)."""
