package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newPingCmd is a placeholder until the command lands.
func newPingCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "ping",
		Short: "(ping is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("ping: not built yet")
		},
	}
}
