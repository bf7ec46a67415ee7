package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newExplainCmd is a placeholder until the command lands.
func newExplainCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "explain",
		Short: "(explain is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("explain: not built yet")
		},
	}
}
