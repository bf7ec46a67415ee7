package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newMockCmd is a placeholder until the command lands.
func newMockCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "mock",
		Short: "(mock is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("mock: not built yet")
		},
	}
}
