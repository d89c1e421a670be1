module example.com/mowai-agent

go 1.23

require go.bytecodealliance.org/cm v0.2.2
