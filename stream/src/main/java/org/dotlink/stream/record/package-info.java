/**
 * What flows between the job's operators. Each is a Flink POJO of strings, numbers and byte arrays
 * (core values encoded by {@link org.dotlink.stream.codec}), so that Flink serializes it with its own
 * POJO serializer and never falls back to Kryo (the job turns generic types off to make sure).
 */
package org.dotlink.stream.record;
