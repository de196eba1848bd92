package dev.heaptrail.alloc;

/** JFR names array classes as the JVM does ("[B", "[Ljava.lang.String;"); people read "byte[]". */
final class ClassNames {

    private ClassNames() {}

    static String readable(String name) {
        if (name.isEmpty() || name.charAt(0) != '[') {
            return name;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        String element = name.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.') : element;
        };
        return base + "[]".repeat(dims);
    }
}
