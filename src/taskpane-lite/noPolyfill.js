// Stands in for a core-js module the panes do not need (webpack.config.js says which and why).
