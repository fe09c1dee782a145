param($p)
# shutdown.exe returns at once, so the answer reaches the operator before the connection drops.
$delay = [int]$p.delaySeconds
$reason = 'hlk-assist: reboot requested by the operator'
& shutdown.exe /r /t $delay /c $reason /d p:4:1
if ($LASTEXITCODE -ne 0) {
    throw ('shutdown.exe refused the reboot (exit code {0}); is the session elevated?' -f $LASTEXITCODE)
}
[ordered]@{ rebootInSeconds = $delay }
