package dev.aic.queryside.search;

import org.opensearch.client.opensearch._types.mapping.Property;

/** The field types the read models' explicit mappings use, one name each. */
public final class Mappings {

    public static final Property KEYWORD = Property.of(p -> p.keyword(k -> k));

    /** Kept in {@code _source}, neither searchable nor aggregatable. */
    public static final Property STORED_KEYWORD = Property.of(p -> p.keyword(k -> k.index(false)));

    public static final Property TEXT = Property.of(p -> p.text(t -> t));
    public static final Property DATE = Property.of(p -> p.date(d -> d));
    public static final Property BOOLEAN = Property.of(p -> p.boolean_(b -> b));
    public static final Property INTEGER = Property.of(p -> p.integer(i -> i));
    public static final Property LONG = Property.of(p -> p.long_(l -> l));
    public static final Property DOUBLE = Property.of(p -> p.double_(d -> d));

    private Mappings() {}
}
