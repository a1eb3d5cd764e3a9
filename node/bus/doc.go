// Package bus tells how many subscribers each of the node's published topics has: one poll of
// the node's own bus info (goroslib does not expose the count) serves every topic and stage.
package bus
