param($p)
# The wiki's tapdiag step 3: `tapdiag /link:on|off` plugs or unplugs the TAP adapter's virtual cable, as
# NDISTest's LinkCheck asks in its message boxes. Answers with the adapter's state afterwards.
Assert-Elevated
$tool = Get-TapdiagTool ([string]$p.toolPath)
$link = [string]$p.link
$answer = Invoke-Tapdiag $tool @('/link:' + $link)
Assert-TapdiagDone $answer ('/link:' + $link)
[ordered]@{
    link     = $link
    output   = $answer.output
    adapters = @(Get-TapAdapters ([string]$p.hardwareId) | ForEach-Object { ConvertTo-AdapterState $_ })
}
