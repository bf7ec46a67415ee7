package verdict

import (
	"bytes"
	"encoding/json"
)

// Body is what the verdict reads from an error body.
type Body struct {
	ErrorType, Message, Code, RequestID string
}

// ParseBody reads the API's error envelope,
// {"type":"error","error":{"type":…,"message":…,"details":{…}},"request_id":…},
// leniently: any part may be missing or of another shape, and a body that
// is not JSON yields nothing.
func ParseBody(body []byte) Body {
	var out Body
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return out
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return out
	}
	_ = json.Unmarshal(top["request_id"], &out.RequestID)
	raw := top["error"]
	if json.Unmarshal(raw, &out.Message) == nil { // {"error":"text"} from some gateways
		return out
	}
	var e map[string]json.RawMessage
	if json.Unmarshal(raw, &e) != nil {
		return out
	}
	_ = json.Unmarshal(e["type"], &out.ErrorType)
	_ = json.Unmarshal(e["message"], &out.Message)
	var d map[string]json.RawMessage
	if json.Unmarshal(e["details"], &d) == nil {
		_ = json.Unmarshal(d["error_code"], &out.Code)
	}
	return out
}
