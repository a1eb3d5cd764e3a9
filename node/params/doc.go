// Package params declares depthnode's private parameters (~name) once, in one table
// (params_table.go), from which the defaults, loading, validation messages, -h and the
// dynamic_reconfigure descriptions derive. README's parameter table and
// launch/depthnode.launch are checked against it by this package's tests.
package params
