package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newDoctorCmd is a placeholder until the command lands.
func newDoctorCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "(doctor is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("doctor: not built yet")
		},
	}
}
