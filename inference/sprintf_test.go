package inference

import "fmt"

var sprintf = fmt.Sprintf
