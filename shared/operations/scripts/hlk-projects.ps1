param($p)
# Every project on the controller with its test counts (ProjectManager.GetProjectNames, Project.Info) and its
# status, HLK's ProjectStatus name (NotRunning, Passing, Running).
# https://learn.microsoft.com/windows-hardware/test/hlk/api/projectstatus-enumeration
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $projects = [System.Collections.Generic.List[object]]::new()
    foreach ($name in @($manager.GetProjectNames())) {
        $project = $manager.GetProject([string]$name)
        $info = $project.Info
        $projects.Add([ordered]@{
            name       = [string]$project.Name
            status     = [string]$info.Status
            createdAt  = (Format-HlkTime $project.CreationTime)
            modifiedAt = (Format-HlkTime $project.ModifiedTime)
            counts     = [ordered]@{
                total   = [int]$info.TotalCount
                passed  = [int]$info.PassedCount
                failed  = [int]$info.FailedCount
                running = [int]$info.RunningCount
                notRun  = [int]$info.NotRunCount
            }
        })
    }
    [ordered]@{ controller = $server; projects = @($projects) }
}
