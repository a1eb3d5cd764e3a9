// Package topics publishes the node's own outputs from finished frames. Each topic is one row
// of a table (table.go): its name, message type, the model outputs it is built from and its
// builder, so a new topic is one row plus its builder; nothing is built for a topic nobody
// reads.
package topics
