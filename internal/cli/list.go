package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newListCmd is a placeholder until the command lands.
func newListCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "(list is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("list: not built yet")
		},
	}
}
