package sim

import (
	"fmt"
	"sort"
	"strings"
)

// errorf makes an error whose message starts with the thing it is about.
func errorf(subject, format string, args ...any) error {
	return fmt.Errorf("%s: %s", subject, fmt.Sprintf(format, args...))
}

// nameList quotes and joins names for "known names are …" hints.
func nameList(names []string) string {
	s := append([]string(nil), names...)
	sort.Strings(s)
	for i := range s {
		s[i] = fmt.Sprintf("%q", s[i])
	}
	return strings.Join(s, ", ")
}
