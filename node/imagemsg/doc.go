// Package imagemsg builds the sensor_msgs/Image messages the node publishes from its float and
// byte buffers, copying them, since goroslib serialises published messages later.
package imagemsg
