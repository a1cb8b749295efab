package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A single-field unique index ({@code _id} or a unique secondary field) that also serves queries with
 * more conditions than its own field.
 *
 * <p>{@code mongo-java-server} uses a unique index only when the query names exactly the index's
 * fields, so {@code {_id: x, sequence: {$lt: 5}}} — the projections' compare-and-set — scanned the
 * whole collection. This wrapper looks the candidates up by the index's field and leaves the other
 * conditions to the server's matcher. Everything else is the wrapped index's.
 */
final class UniqueLookupIndex extends Index<Object> {

    private final Index<Object> delegate;
    private final String field;

    UniqueLookupIndex(Index<Object> delegate) {
        super(delegate.getName(), delegate.getKeys(), false);
        this.delegate = delegate;
        this.field = delegate.getKeys().get(0).getKey();
    }

    @Override
    public boolean canHandle(Document query) {
        return delegate.canHandle(query) || equality(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        if (delegate.canHandle(query)) {
            return delegate.getPositions(query);
        }
        Lookup lookup = equality(query);
        Set<Object> positions = new LinkedHashSet<>();
        for (Object value : lookup.equalTo()) {
            Object position = delegate.getPosition(new Document(field, value));
            if (position != null) {
                positions.add(position);
            }
        }
        return List.copyOf(positions);
    }

    private Lookup equality(Document query) {
        Lookup lookup = Lookup.on(query, field);
        return lookup != null && lookup.isEquality() ? lookup : null;
    }

    @Override
    public Object getPosition(Document document) {
        return delegate.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        delegate.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        delegate.add(document, position, collection);
    }

    @Override
    public Object remove(Document document) {
        return delegate.remove(document);
    }

    @Override
    public long getCount() {
        return delegate.getCount();
    }

    @Override
    public long getDataSize() {
        return delegate.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        delegate.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) throws KeyConstraintError {
        delegate.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        delegate.drop();
    }

    @Override
    public boolean isUnique() {
        return delegate.isUnique();
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return delegate.hasSameOptions(other instanceof UniqueLookupIndex wrapper ? wrapper.delegate : other);
    }

    @Override
    public Document toIndexDescription() {
        return delegate.toIndexDescription();
    }
}
