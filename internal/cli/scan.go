package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newScanCmd is a placeholder until the command lands.
func newScanCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "scan",
		Short: "(scan is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("scan: not built yet")
		},
	}
}
