module gomod-shim/front

go 1.19
