// A Mowai agent in Go (TinyGo). `./build.sh` generates the bindings for agent-world in ./gen with
// wit-bindgen-go (package gen/mowai/agent/agent-world), then builds a component with
// `tinygo build -target=wasip2`. Exports are set in init() through agent.Exports; imports are
// plain functions (agent.HostLlm, agent.Broadcast, agent.NowMs, agent.Log, agent.GetConfig).
package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	agent "example.com/mowai-agent/gen/mowai/agent/agent-world"
)

const version = "0.1.0"

var reactions = map[string]string{
	"contrarian":       "What would have to be true for this to be wrong?",
	"synthesiser":      "How does this fit with what the others said?",
	"first-principles": "Which assumption does this rest on, and does it hold?",
	"devils-advocate":  "What is the strongest case against this?",
	"pragmatist":       "What is the first concrete step if we take this seriously?",
}

// clip keeps the first n characters of s, with an ellipsis when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func init() {
	agent.Exports.OnInit = func() {
		c := agent.GetConfig()
		agent.Log("info", fmt.Sprintf("%s (%s) is ready", c.Name, c.Persona))
	}
	agent.Exports.GetInfo = func() agent.AgentInfo {
		c := agent.GetConfig()
		return agent.AgentInfo{Name: c.Name, Version: version, Color: c.Color, Persona: c.Persona}
	}
	agent.Exports.HandleTask = func(task string) string {
		started := agent.NowMs()
		agent.Log("info", "task received: "+clip(task, 80))
		plan := agent.HostLlm(fmt.Sprintf("Task: %s\nIn two sentences, how will you approach it?", task))
		agent.Broadcast(clip(plan, 1000))
		answer := agent.HostLlm(fmt.Sprintf("Task: %s\nYour approach: %s\nNow give your answer in at most five sentences.", task, plan))
		agent.Log("debug", fmt.Sprintf("answered in %d ms", agent.NowMs()-started))
		return clip(answer, 2000)
	}
	agent.Exports.OnPeerThought = func(peerID string, content string) {
		// Only react to substantial thoughts, and never to reactions: keeps the arena readable.
		question, ok := reactions[agent.GetConfig().Persona]
		if !ok || utf8.RuneCountInString(content) < 40 || strings.HasPrefix(content, "↪") {
			return
		}
		reply := agent.HostLlm(fmt.Sprintf("%s\n\"%s\"\nReply in one sentence.", question, clip(content, 400)))
		agent.Broadcast("↪ " + clip(reply, 1000))
		agent.Log("debug", "reacted to "+peerID)
	}
}

// main is required by TinyGo; the host calls the exports.
func main() {}
