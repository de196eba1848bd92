/**
 * The leaky demo service that {@code heaptrail demo} runs. Needs nothing but java.base.
 */
module dev.heaptrail.demo {
    exports dev.heaptrail.demo;
}
