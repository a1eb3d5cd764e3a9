// Package logging is depthnode's one logger: log/slog everywhere, the component (inference,
// stream, metric, ...) as an attribute, levels carried from the line's author to its
// destination (stderr, /rosout). Handler formats a record as the one text line the node
// prints; the node's /rosout handler wraps it.
package logging
