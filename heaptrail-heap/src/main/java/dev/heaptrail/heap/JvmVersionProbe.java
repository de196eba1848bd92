package dev.heaptrail.heap;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofHeader;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.HprofVisitor;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import dev.heaptrail.hprof.HprofReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds which JVM wrote a dump, from the version strings the JDK keeps in static fields
 * ({@code java.lang.VersionProps} since JDK 9, {@code sun.misc.Version} before). Works while
 * streaming when each String comes before its value array; when the arrays came first (JDK 17's
 * archived strings), {@link #finish} reads the dump again up to the last array it needs.
 */
public final class JvmVersionProbe implements HprofVisitor {

    private static final Set<String> HOLDERS = Set.of("java/lang/VersionProps", "sun/misc/Version");
    private static final Set<String> FIELDS = Set.of("java_runtime_name", "java_runtime_version", "VENDOR", "java_version");

    private final Map<Long, String> wantedNames = new java.util.HashMap<>();
    private final Map<Long, String> classNames = new java.util.HashMap<>();
    private final Long2ObjectOpenHashMap<String> stringIds = new Long2ObjectOpenHashMap<>();
    private final Long2ObjectOpenHashMap<String> arrayIds = new Long2ObjectOpenHashMap<>();
    private final Long2ObjectOpenHashMap<Boolean> utf16 = new Long2ObjectOpenHashMap<>();
    private final Map<String, String> found = new TreeMap<>();
    private List<HeapRecord.FieldDescriptor> stringFields;
    private int idSize = 8;

    @Override
    public void header(HprofHeader header) {
        idSize = header.idSize();
    }

    @Override
    public void record(HprofRecord record, long offset) {
        if (record instanceof HprofRecord.Utf8 s) {
            String v = s.value();
            if (HOLDERS.contains(v) || FIELDS.contains(v) || v.equals("java/lang/String") || v.equals("value") || v.equals("coder")) {
                wantedNames.put(s.id(), v);
            }
        } else if (record instanceof HprofRecord.LoadClass c) {
            String name = wantedNames.get(c.nameId());
            if (name != null) {
                classNames.put(c.classId(), name);
            }
        }
    }

    @Override
    public void classDump(HeapRecord.ClassDump dump) {
        String name = classNames.get(dump.objectId());
        if (name == null) {
            return;
        }
        if (name.equals("java/lang/String")) {
            stringFields = dump.instanceFields();
            return;
        }
        for (HeapRecord.StaticField f : dump.staticFields()) {
            String field = wantedNames.get(f.nameId());
            if (f.type() == BasicType.OBJECT && field != null && FIELDS.contains(field) && f.value() != 0) {
                stringIds.put(f.value(), field);
            }
        }
    }

    @Override
    public boolean wantsContent(long objectId) {
        return !(stringIds.isEmpty() && arrayIds.isEmpty()) && (stringIds.containsKey(objectId) || arrayIds.containsKey(objectId));
    }

    @Override
    public void instance(HeapRecord.InstanceDump d) {
        if (d.fieldValues() == null || stringFields == null) {
            return;
        }
        String field = stringIds.get(d.objectId());
        if (field == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(d.fieldValues());
        long value = 0;
        int coder = 0;
        for (HeapRecord.FieldDescriptor f : stringFields) {
            int size = f.type().sizeInFile(idSize);
            if (b.remaining() < size) {
                return;
            }
            String name = wantedNames.get(f.nameId());
            if ("value".equals(name) && f.type() == BasicType.OBJECT) {
                value = idSize == 8 ? b.getLong() : b.getInt() & 0xffffffffL;
            } else if ("coder".equals(name) && f.type() == BasicType.BYTE) {
                coder = b.get();
            } else {
                b.position(b.position() + size);
            }
        }
        if (value != 0) {
            arrayIds.put(value, field);
            utf16.put(value, Boolean.valueOf(coder == 1));
        }
    }

    @Override
    public void primitiveArray(HeapRecord.PrimitiveArrayDump a) {
        if (a.elements() == null) {
            return;
        }
        String field = arrayIds.remove(a.objectId());
        if (field == null) {
            return;
        }
        String text;
        if (a.type() == BasicType.CHAR) {
            text = new String(a.elements(), StandardCharsets.UTF_16BE);
        } else if (Boolean.TRUE.equals(utf16.get(a.objectId()))) {
            text = new String(a.elements(), StandardCharsets.UTF_16LE);
        } else {
            text = new String(a.elements(), StandardCharsets.ISO_8859_1);
        }
        found.put(field, text);
    }

    /**
     * Completes the probe after the main pass (may do I/O): re-reads the start of the dump when a
     * String's value array came before the String itself.
     */
    public void finish(HprofReader reader) throws IOException {
        if (arrayIds.isEmpty()) {
            return;
        }
        stringIds.clear();
        try {
            reader.accept(new HprofVisitor() {
                @Override
                public boolean wantsContent(long objectId) {
                    return arrayIds.containsKey(objectId);
                }

                @Override
                public void primitiveArray(HeapRecord.PrimitiveArrayDump array) {
                    JvmVersionProbe.this.primitiveArray(array);
                    if (arrayIds.isEmpty()) {
                        throw new Found();
                    }
                }
            });
        } catch (Found done) {
            // stopped early: everything needed was read
        }
    }

    /** Ends the second pass early; carries no stack trace. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super(null, null, false, false);
        }
    }

    /** The version strings found, by field name: java_runtime_name, java_runtime_version, VENDOR, java_version. */
    public Map<String, String> properties() {
        return Map.copyOf(found);
    }

    /** E.g. "OpenJDK Runtime Environment 17.0.15+6-Debian-1deb12u1 (Debian)", when the dump tells. */
    public Optional<String> describe() {
        String version = found.getOrDefault("java_runtime_version", found.get("java_version"));
        if (version == null) {
            return Optional.empty();
        }
        String name = found.getOrDefault("java_runtime_name", "Java");
        String vendor = found.get("VENDOR");
        return Optional.of(name + " " + version + (vendor == null ? "" : " (" + vendor + ")"));
    }
}
