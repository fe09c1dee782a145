param($p)
# shutdown.exe returns at once, so the answer reaches the operator before the connection drops.
$delay = [int]$p.delaySeconds
$reason = 'hlk-assist: reboot requested by the operator'
$output = @(& shutdown.exe /r /t $delay /c $reason /d p:4:1 2>&1 | ForEach-Object { [string]$_ })
if ($LASTEXITCODE -eq 5) {
    throw 'shutdown.exe refused the reboot (exit code 5, access denied): this session is not elevated.'
} elseif ($LASTEXITCODE -eq 1190) {
    throw 'shutdown.exe refused the reboot (exit code 1190): a shutdown is already scheduled on this machine.'
} elseif ($LASTEXITCODE -ne 0) {
    throw ('shutdown.exe refused the reboot (exit code {0}): {1}' -f $LASTEXITCODE, ($output -join ' ').Trim())
}
[ordered]@{ rebootInSeconds = $delay }
