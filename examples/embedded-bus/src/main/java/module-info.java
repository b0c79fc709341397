/**
 * An application that embeds allocation. It requires the libraries by their stable module names (the
 * {@code Automatic-Module-Name} of their jars), which is what a modular application can rely on.
 */
module org.example.allocation {
    requires org.allocation.domain;
    requires org.allocation.service;
}
