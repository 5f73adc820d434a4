package io.portico.states.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Jackson objects and arrays seen as the {@code Map} and {@code List} the dashjoin engine reads,
 * converting a member or an element only when an expression reaches it, and once.
 *
 * <p>Why: every evaluation binds {@code $states}, whose input and context (the execution's input
 * among it) were converted whole beforehand. An inline Map's ItemSelector is evaluated once per item,
 * and over 100,000 items each evaluation converted the Map's input and the execution's input, 100,000
 * elements each: quadratic work, and as many copies alive as iterations running. A view costs what the
 * expression reads: {@code $states.context.Map.Item.Value} converts four members.
 *
 * <p>Writes: dashjoin changes only what it returns, and only to turn its JSON null marker into Java
 * null ({@code Utils.convertNulls}), which {@link JsonataValues#toJson} reads back as JSON null. A view
 * takes such a replacement of an element or of an existing member's value and keeps it to itself:
 * the tree under it never changes. Adding or removing elements or members is not supported (dashjoin
 * copies before it sorts, reverses or transforms) and throws {@link UnsupportedOperationException}.
 *
 * <p>Not thread safe: a view belongs to one evaluation, on one thread, like the copies it replaces.
 */
final class JsonViews {
    /** A replaced value that is Java null, told apart from a slot not yet converted. */
    private static final Object NULL = new Object();

    private JsonViews() {
    }

    /** A view of an object or array; callers convert other nodes themselves. */
    static Object of(JsonNode container) {
        return container.isObject() ? new ObjectView(container) : new ArrayView(container);
    }

    private static Object unmask(Object slot) {
        return slot == NULL ? null : slot;
    }

    private static Object mask(Object value) {
        return value == null ? NULL : value;
    }

    /** A JSON array, its elements converted as they are read. */
    private static final class ArrayView extends AbstractList<Object> implements RandomAccess {
        private final JsonNode array;
        private Object[] slots; // null until an element is read: a view no one walks costs nothing

        ArrayView(JsonNode array) {
            this.array = array;
        }

        @Override
        public Object get(int index) {
            Objects.checkIndex(index, array.size());
            if (slots == null) {
                slots = new Object[array.size()];
            }
            if (slots[index] == null) {
                slots[index] = mask(JsonataValues.toJsonata(array.get(index)));
            }
            return unmask(slots[index]);
        }

        @Override
        public Object set(int index, Object value) {
            Object previous = get(index);
            slots[index] = mask(value);
            return previous;
        }

        @Override
        public int size() {
            return array.size();
        }
    }

    /** A JSON object, its members' values converted as they are read, in the object's order. */
    private static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode object;
        private final Map<String, Object> slots = new HashMap<>();

        ObjectView(JsonNode object) {
            this.object = object;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            Object slot = slots.get(name);
            if (slot != null) {
                return unmask(slot);
            }
            JsonNode member = object.get(name);
            if (member == null) {
                return null;
            }
            Object value = JsonataValues.toJsonata(member);
            slots.put(name, mask(value));
            return value;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && object.has(name);
        }

        @Override
        public Object put(String key, Object value) {
            if (!object.has(key)) {
                throw new UnsupportedOperationException("a view of a JSON object takes no new member: " + key);
            }
            Object previous = get(key);
            slots.put(key, mask(value));
            return previous;
        }

        @Override
        public int size() {
            return object.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> names = object.fieldNames();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return names.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            return new Member(names.next());
                        }
                    };
                }

                @Override
                public int size() {
                    return object.size();
                }
            };
        }

        /** One member, reading and replacing through the view. */
        private final class Member implements Entry<String, Object> {
            private final String name;

            Member(String name) {
                this.name = name;
            }

            @Override
            public String getKey() {
                return name;
            }

            @Override
            public Object getValue() {
                return get(name);
            }

            @Override
            public Object setValue(Object value) {
                return put(name, value);
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
            }

            @Override
            public int hashCode() {
                return name.hashCode() ^ Objects.hashCode(getValue());
            }
        }
    }
}
