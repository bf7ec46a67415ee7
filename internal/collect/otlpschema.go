package collect

// The OTLP messages the collector reads, as a table both wire formats walk
// (otlpproto.go, otlpjson.go). Every field the OTLP logs and metrics
// requests define is listed, so that both walkers check its type and reject
// what the reference decoder (the collector's pdata) rejects; only the fields
// with a tag reach the builder (otlpmodel.go). Field numbers and names are
// those of opentelemetry-proto (collector/logs/v1, collector/metrics/v1,
// logs/v1, metrics/v1, common/v1, resource/v1).

// msgID names a message of the table.
type msgID uint8

const (
	mLogsRequest msgID = iota
	mResourceLogs
	mScopeLogs
	mLogRecord
	mResource
	mScope
	mKeyValue
	mAnyValue
	mArrayValue
	mKeyValueList
	mEntityRef
	mMetricsRequest
	mResourceMetrics
	mScopeMetrics
	mMetric
	mGauge
	mSum
	mHistogram
	mExpHistogram
	mSummary
	mNumberPoint
	mHistogramPoint
	mExpHistogramPoint
	mExpBuckets
	mSummaryPoint
	mQuantile
	mExemplar
	numMessages
)

// fieldKind is a field's type: its protobuf wire type and what its JSON
// value must be.
type fieldKind uint8

const (
	fMessage     fieldKind = iota // LEN; a JSON object or null
	fString                       // LEN; a JSON string or null (""); not checked for UTF-8
	fBytes                        // LEN; base64 in JSON, without escapes
	fTraceID                      // LEN of 0 or 16; hex in JSON, "" or 32 digits
	fSpanID                       // LEN of 0 or 8; hex in JSON, "" or 16 digits
	fBool                         // VARINT; JSON true or false
	fInt64                        // VARINT; JSON integer, as a number or a string
	fUint64                       // VARINT; JSON unsigned integer
	fInt32                        // VARINT (int32 or sint32); JSON 32-bit integer
	fUint32                       // VARINT; JSON 32-bit unsigned integer
	fSeverity                     // VARINT; JSON integer or SeverityNumber name
	fTemporality                  // VARINT; JSON integer or AggregationTemporality name
	fFixed64                      // I64; JSON unsigned integer
	fSfixed64                     // I64; JSON integer
	fDouble                       // I64; JSON number, or a string strconv.ParseFloat takes
	fFixed32                      // I32; JSON 32-bit unsigned integer
)

// tag says what the builder does with a field; tagNone fields are checked
// and dropped.
type tag uint8

const (
	tagNone tag = iota
	// logs
	tagResourceLogs
	tagScopeLogs
	tagOldScopeLogs // deprecated_scope_logs, read by protobuf when scope_logs is absent
	tagLogRecord
	tagResource
	tagResourceAttr
	tagTime
	tagObserved
	tagBody
	tagRecordAttr
	// attributes and values
	tagKey
	tagValue
	tagStr
	tagBool
	tagInt
	tagDouble
	tagMap
	tagSlice
	tagBytes
	tagStrindex
	// metrics
	tagResourceMetrics
	tagScopeMetrics
	tagOldScopeMetrics
	tagMetric
	tagMetricName
	tagData // one of gauge, sum, histogram, exponentialHistogram, summary
	tagPoint
	tagPointAttr
	tagPointTime
)

// field is one field of a message. A repeated message field adds an
// element per occurrence; a singular one merges occurrences, except a
// member of a oneof (tags tagData, tagMap, tagSlice), which replaces.
type field struct {
	num   uint64
	camel string // the JSON name
	snake string // the proto name, also accepted in JSON; "" when it is camel
	kind  fieldKind
	rep   bool
	msg   msgID
	tag   tag
}

// message is a message's fields. chain marks the messages of an AnyValue
// tree, whose nesting is bounded by maxValueDepth.
type message struct {
	fields []field
	chain  bool
}

// maxValueDepth bounds the nesting of AnyValue, ArrayValue, KeyValueList
// and KeyValue messages, counted as the reference decoder counts it.
const maxValueDepth = 100

// enter returns the nesting depth inside a message of this kind, entered
// at depth: one more in an AnyValue chain, which fails with errDepth past
// maxValueDepth; zero in any other message.
func (m *message) enter(depth int) (int, error) {
	if !m.chain {
		return 0, nil
	}
	if depth >= maxValueDepth {
		return 0, errDepth
	}
	return depth + 1, nil
}

var messages = [numMessages]message{
	mLogsRequest: {fields: []field{
		{num: 1, camel: "resourceLogs", snake: "resource_logs", kind: fMessage, rep: true, msg: mResourceLogs, tag: tagResourceLogs},
	}},
	mResourceLogs: {fields: []field{
		{num: 1, camel: "resource", kind: fMessage, msg: mResource, tag: tagResource},
		{num: 2, camel: "scopeLogs", snake: "scope_logs", kind: fMessage, rep: true, msg: mScopeLogs, tag: tagScopeLogs},
		{num: 3, camel: "schemaUrl", snake: "schema_url", kind: fString},
		{num: 1000, camel: "deprecatedScopeLogs", snake: "deprecated_scope_logs", kind: fMessage, rep: true, msg: mScopeLogs, tag: tagOldScopeLogs},
	}},
	mScopeLogs: {fields: []field{
		{num: 1, camel: "scope", kind: fMessage, msg: mScope},
		{num: 2, camel: "logRecords", snake: "log_records", kind: fMessage, rep: true, msg: mLogRecord, tag: tagLogRecord},
		{num: 3, camel: "schemaUrl", snake: "schema_url", kind: fString},
	}},
	mLogRecord: {fields: []field{
		{num: 1, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64, tag: tagTime},
		{num: 11, camel: "observedTimeUnixNano", snake: "observed_time_unix_nano", kind: fFixed64, tag: tagObserved},
		{num: 2, camel: "severityNumber", snake: "severity_number", kind: fSeverity},
		{num: 3, camel: "severityText", snake: "severity_text", kind: fString},
		{num: 5, camel: "body", kind: fMessage, msg: mAnyValue, tag: tagBody},
		{num: 6, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagRecordAttr},
		{num: 7, camel: "droppedAttributesCount", snake: "dropped_attributes_count", kind: fUint32},
		{num: 8, camel: "flags", kind: fFixed32},
		{num: 9, camel: "traceId", snake: "trace_id", kind: fTraceID},
		{num: 10, camel: "spanId", snake: "span_id", kind: fSpanID},
		{num: 12, camel: "eventName", snake: "event_name", kind: fString},
	}},
	mResource: {fields: []field{
		{num: 1, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagResourceAttr},
		{num: 2, camel: "droppedAttributesCount", snake: "dropped_attributes_count", kind: fUint32},
		{num: 3, camel: "entityRefs", snake: "entity_refs", kind: fMessage, rep: true, msg: mEntityRef},
	}},
	mScope: {fields: []field{
		{num: 1, camel: "name", kind: fString},
		{num: 2, camel: "version", kind: fString},
		{num: 3, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue},
		{num: 4, camel: "droppedAttributesCount", snake: "dropped_attributes_count", kind: fUint32},
	}},
	mKeyValue: {chain: true, fields: []field{
		{num: 1, camel: "key", kind: fString, tag: tagKey},
		{num: 2, camel: "value", kind: fMessage, msg: mAnyValue, tag: tagValue},
		{num: 3, camel: "keyStrindex", snake: "key_strindex", kind: fInt32},
	}},
	mAnyValue: {chain: true, fields: []field{
		{num: 1, camel: "stringValue", snake: "string_value", kind: fString, tag: tagStr},
		{num: 2, camel: "boolValue", snake: "bool_value", kind: fBool, tag: tagBool},
		{num: 3, camel: "intValue", snake: "int_value", kind: fInt64, tag: tagInt},
		{num: 4, camel: "doubleValue", snake: "double_value", kind: fDouble, tag: tagDouble},
		{num: 5, camel: "arrayValue", snake: "array_value", kind: fMessage, msg: mArrayValue, tag: tagSlice},
		{num: 6, camel: "kvlistValue", snake: "kvlist_value", kind: fMessage, msg: mKeyValueList, tag: tagMap},
		{num: 7, camel: "bytesValue", snake: "bytes_value", kind: fBytes, tag: tagBytes},
		{num: 8, camel: "stringValueStrindex", snake: "string_value_strindex", kind: fInt32, tag: tagStrindex},
	}},
	mArrayValue: {chain: true, fields: []field{
		{num: 1, camel: "values", kind: fMessage, rep: true, msg: mAnyValue},
	}},
	mKeyValueList: {chain: true, fields: []field{
		{num: 1, camel: "values", kind: fMessage, rep: true, msg: mKeyValue},
	}},
	mEntityRef: {fields: []field{
		{num: 1, camel: "schemaUrl", snake: "schema_url", kind: fString},
		{num: 2, camel: "type", kind: fString},
		{num: 3, camel: "idKeys", snake: "id_keys", kind: fString, rep: true},
		{num: 4, camel: "descriptionKeys", snake: "description_keys", kind: fString, rep: true},
	}},
	mMetricsRequest: {fields: []field{
		{num: 1, camel: "resourceMetrics", snake: "resource_metrics", kind: fMessage, rep: true, msg: mResourceMetrics, tag: tagResourceMetrics},
	}},
	mResourceMetrics: {fields: []field{
		{num: 1, camel: "resource", kind: fMessage, msg: mResource},
		{num: 2, camel: "scopeMetrics", snake: "scope_metrics", kind: fMessage, rep: true, msg: mScopeMetrics, tag: tagScopeMetrics},
		{num: 3, camel: "schemaUrl", snake: "schema_url", kind: fString},
		{num: 1000, camel: "deprecatedScopeMetrics", snake: "deprecated_scope_metrics", kind: fMessage, rep: true, msg: mScopeMetrics, tag: tagOldScopeMetrics},
	}},
	mScopeMetrics: {fields: []field{
		{num: 1, camel: "scope", kind: fMessage, msg: mScope},
		{num: 2, camel: "metrics", kind: fMessage, rep: true, msg: mMetric, tag: tagMetric},
		{num: 3, camel: "schemaUrl", snake: "schema_url", kind: fString},
	}},
	mMetric: {fields: []field{
		{num: 1, camel: "name", kind: fString, tag: tagMetricName},
		{num: 2, camel: "description", kind: fString},
		{num: 3, camel: "unit", kind: fString},
		{num: 5, camel: "gauge", kind: fMessage, msg: mGauge, tag: tagData},
		{num: 7, camel: "sum", kind: fMessage, msg: mSum, tag: tagData},
		{num: 9, camel: "histogram", kind: fMessage, msg: mHistogram, tag: tagData},
		{num: 10, camel: "exponentialHistogram", snake: "exponential_histogram", kind: fMessage, msg: mExpHistogram, tag: tagData},
		{num: 11, camel: "summary", kind: fMessage, msg: mSummary, tag: tagData},
		{num: 12, camel: "metadata", kind: fMessage, rep: true, msg: mKeyValue},
	}},
	mGauge: {fields: []field{
		{num: 1, camel: "dataPoints", snake: "data_points", kind: fMessage, rep: true, msg: mNumberPoint, tag: tagPoint},
	}},
	mSum: {fields: []field{
		{num: 1, camel: "dataPoints", snake: "data_points", kind: fMessage, rep: true, msg: mNumberPoint, tag: tagPoint},
		{num: 2, camel: "aggregationTemporality", snake: "aggregation_temporality", kind: fTemporality},
		{num: 3, camel: "isMonotonic", snake: "is_monotonic", kind: fBool},
	}},
	mHistogram: {fields: []field{
		{num: 1, camel: "dataPoints", snake: "data_points", kind: fMessage, rep: true, msg: mHistogramPoint, tag: tagPoint},
		{num: 2, camel: "aggregationTemporality", snake: "aggregation_temporality", kind: fTemporality},
	}},
	mExpHistogram: {fields: []field{
		{num: 1, camel: "dataPoints", snake: "data_points", kind: fMessage, rep: true, msg: mExpHistogramPoint, tag: tagPoint},
		{num: 2, camel: "aggregationTemporality", snake: "aggregation_temporality", kind: fTemporality},
	}},
	mSummary: {fields: []field{
		{num: 1, camel: "dataPoints", snake: "data_points", kind: fMessage, rep: true, msg: mSummaryPoint, tag: tagPoint},
	}},
	mNumberPoint: {fields: []field{
		{num: 7, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagPointAttr},
		{num: 2, camel: "startTimeUnixNano", snake: "start_time_unix_nano", kind: fFixed64},
		{num: 3, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64, tag: tagPointTime},
		{num: 4, camel: "asDouble", snake: "as_double", kind: fDouble},
		{num: 6, camel: "asInt", snake: "as_int", kind: fSfixed64},
		{num: 5, camel: "exemplars", kind: fMessage, rep: true, msg: mExemplar},
		{num: 8, camel: "flags", kind: fUint32},
	}},
	mHistogramPoint: {fields: []field{
		{num: 9, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagPointAttr},
		{num: 2, camel: "startTimeUnixNano", snake: "start_time_unix_nano", kind: fFixed64},
		{num: 3, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64, tag: tagPointTime},
		{num: 4, camel: "count", kind: fFixed64},
		{num: 5, camel: "sum", kind: fDouble},
		{num: 6, camel: "bucketCounts", snake: "bucket_counts", kind: fFixed64, rep: true},
		{num: 7, camel: "explicitBounds", snake: "explicit_bounds", kind: fDouble, rep: true},
		{num: 8, camel: "exemplars", kind: fMessage, rep: true, msg: mExemplar},
		{num: 10, camel: "flags", kind: fUint32},
		{num: 11, camel: "min", kind: fDouble},
		{num: 12, camel: "max", kind: fDouble},
	}},
	mExpHistogramPoint: {fields: []field{
		{num: 1, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagPointAttr},
		{num: 2, camel: "startTimeUnixNano", snake: "start_time_unix_nano", kind: fFixed64},
		{num: 3, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64, tag: tagPointTime},
		{num: 4, camel: "count", kind: fFixed64},
		{num: 5, camel: "sum", kind: fDouble},
		{num: 6, camel: "scale", kind: fInt32},
		{num: 7, camel: "zeroCount", snake: "zero_count", kind: fFixed64},
		{num: 8, camel: "positive", kind: fMessage, msg: mExpBuckets},
		{num: 9, camel: "negative", kind: fMessage, msg: mExpBuckets},
		{num: 10, camel: "flags", kind: fUint32},
		{num: 11, camel: "exemplars", kind: fMessage, rep: true, msg: mExemplar},
		{num: 12, camel: "min", kind: fDouble},
		{num: 13, camel: "max", kind: fDouble},
		{num: 14, camel: "zeroThreshold", snake: "zero_threshold", kind: fDouble},
	}},
	mExpBuckets: {fields: []field{
		{num: 1, camel: "offset", kind: fInt32},
		{num: 2, camel: "bucketCounts", snake: "bucket_counts", kind: fUint64, rep: true},
	}},
	mSummaryPoint: {fields: []field{
		{num: 7, camel: "attributes", kind: fMessage, rep: true, msg: mKeyValue, tag: tagPointAttr},
		{num: 2, camel: "startTimeUnixNano", snake: "start_time_unix_nano", kind: fFixed64},
		{num: 3, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64, tag: tagPointTime},
		{num: 4, camel: "count", kind: fFixed64},
		{num: 5, camel: "sum", kind: fDouble},
		{num: 6, camel: "quantileValues", snake: "quantile_values", kind: fMessage, rep: true, msg: mQuantile},
		{num: 8, camel: "flags", kind: fUint32},
	}},
	mQuantile: {fields: []field{
		{num: 1, camel: "quantile", kind: fDouble},
		{num: 2, camel: "value", kind: fDouble},
	}},
	mExemplar: {fields: []field{
		{num: 7, camel: "filteredAttributes", snake: "filtered_attributes", kind: fMessage, rep: true, msg: mKeyValue},
		{num: 2, camel: "timeUnixNano", snake: "time_unix_nano", kind: fFixed64},
		{num: 3, camel: "asDouble", snake: "as_double", kind: fDouble},
		{num: 6, camel: "asInt", snake: "as_int", kind: fSfixed64},
		{num: 5, camel: "traceId", snake: "trace_id", kind: fTraceID},
		{num: 4, camel: "spanId", snake: "span_id", kind: fSpanID},
	}},
}

// byNumber returns the field with protobuf number n, or nil.
func (m *message) byNumber(n uint64) *field {
	for i := range m.fields {
		if m.fields[i].num == n {
			return &m.fields[i]
		}
	}
	return nil
}

// byName returns the field a JSON key names (lowerCamelCase or the proto
// name), or nil.
func (m *message) byName(k string) *field {
	for i := range m.fields {
		if f := &m.fields[i]; f.camel == k || f.snake == k {
			return f
		}
	}
	return nil
}

// byRawName is byName for a key's bytes, without allocating.
func (m *message) byRawName(k []byte) *field {
	for i := range m.fields {
		if f := &m.fields[i]; string(k) == f.camel || string(k) == f.snake {
			return f
		}
	}
	return nil
}

// enumName reports whether s names a value of a JSON enum field
// (OTLP/JSON may use names in place of numbers). The reference decoder
// spells SEVERITY_NUMBER_TRACE with a trailing space; both are taken.
func enumName(k fieldKind, s string) bool {
	switch k {
	case fSeverity:
		switch s {
		case "SEVERITY_NUMBER_UNSPECIFIED", "SEVERITY_NUMBER_TRACE", "SEVERITY_NUMBER_TRACE ",
			"SEVERITY_NUMBER_TRACE2", "SEVERITY_NUMBER_TRACE3", "SEVERITY_NUMBER_TRACE4",
			"SEVERITY_NUMBER_DEBUG", "SEVERITY_NUMBER_DEBUG2", "SEVERITY_NUMBER_DEBUG3", "SEVERITY_NUMBER_DEBUG4",
			"SEVERITY_NUMBER_INFO", "SEVERITY_NUMBER_INFO2", "SEVERITY_NUMBER_INFO3", "SEVERITY_NUMBER_INFO4",
			"SEVERITY_NUMBER_WARN", "SEVERITY_NUMBER_WARN2", "SEVERITY_NUMBER_WARN3", "SEVERITY_NUMBER_WARN4",
			"SEVERITY_NUMBER_ERROR", "SEVERITY_NUMBER_ERROR2", "SEVERITY_NUMBER_ERROR3", "SEVERITY_NUMBER_ERROR4",
			"SEVERITY_NUMBER_FATAL", "SEVERITY_NUMBER_FATAL2", "SEVERITY_NUMBER_FATAL3", "SEVERITY_NUMBER_FATAL4":
			return true
		}
	case fTemporality:
		switch s {
		case "AGGREGATION_TEMPORALITY_UNSPECIFIED", "AGGREGATION_TEMPORALITY_DELTA", "AGGREGATION_TEMPORALITY_CUMULATIVE":
			return true
		}
	}
	return false
}
