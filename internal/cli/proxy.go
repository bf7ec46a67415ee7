package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// newProxyCmd is a placeholder until the command lands.
func newProxyCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "proxy",
		Short: "(proxy is not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("proxy: not built yet")
		},
	}
}
