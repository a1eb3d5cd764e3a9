package calib

// Distortion model names as sensor_msgs/distortion_models spells them.
const (
	// ModelPlumbBob is OpenCV's 5-coefficient model: k1 k2 p1 p2 k3.
	ModelPlumbBob = "plumb_bob"
	// ModelRationalPolynomial is OpenCV's 8-coefficient model: k1 k2 p1 p2 k3 k4 k5 k6.
	ModelRationalPolynomial = "rational_polynomial"
	// ModelEquidistant is OpenCV's fisheye model: k1 k2 k3 k4.
	ModelEquidistant = "equidistant"
)

// CameraInfo holds the sensor_msgs/CameraInfo fields the camera model needs,
// row-major as in the message.
type CameraInfo struct {
	Width, Height   int
	DistortionModel string
	D               []float64
	K               [9]float64
	R               [9]float64
	P               [12]float64
}
