param($p)
# The wiki's tapdiag step 4: `tapdiag /setq:on|off|always` sets how the driver handles 802.1Q priority/VLAN
# headers (off by default in the driver). 2c_Priority needs it on, on both machines. Lost at the next boot.
Assert-Elevated
$tool = Get-TapdiagTool ([string]$p.toolPath)
$mode = [string]$p.mode
$answer = Invoke-Tapdiag $tool @('/setq:' + $mode)
Assert-TapdiagDone $answer ('/setq:' + $mode)
[ordered]@{ mode = $mode; output = $answer.output }
